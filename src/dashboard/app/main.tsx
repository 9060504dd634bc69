import { render } from 'preact'
import './styles.css'

function App() {
  return <main>Nudge</main>
}

render(<App />, document.getElementById('app')!)
