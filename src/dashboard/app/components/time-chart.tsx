import { useEffect, useRef } from 'preact/hooks'
import type uPlot from 'uplot'

export interface ChartLine {
  readonly label: string
  readonly values: readonly number[]
  /** A CSS colour; lines are also told apart by their label and dash. */
  readonly colour: string
  readonly dash?: readonly number[]
}

/**
 * Lines over time, drawn by uPlot at the width of its container and redrawn on resize. The
 * chart library is loaded with the first chart, so the other pages never download it.
 */
export function TimeChart(props: {
  title: string
  times: readonly number[]
  lines: readonly ChartLine[]
  formatValue?: (value: number) => string
}) {
  const box = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = box.current
    if (element === null) return
    const format = props.formatValue ?? ((v: number) => String(v))
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 280),
      height: 220,
      series: [
        {},
        ...props.lines.map((line) => ({
          label: line.label,
          stroke: line.colour,
          width: 2,
          dash: line.dash === undefined ? undefined : [...line.dash],
          points: { show: props.times.length <= 60 },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
      axes: [{}, { values: (_u, ticks) => ticks.map(format), size: 60 }],
      scales: { x: { time: true } },
      legend: { live: true },
    }
    const data: uPlot.AlignedData = [
      props.times.map((t) => t / 1000),
      ...props.lines.map((line) => [...line.values]),
    ]
    let chart: uPlot | undefined
    let gone = false
    const resize = new ResizeObserver(() =>
      chart?.setSize({ width: Math.max(element.clientWidth, 280), height: 220 }),
    )
    void import('uplot').then(({ default: UPlot }) => {
      if (gone) return
      chart = new UPlot(options, data, element)
      element.dataset['drawn'] = 'true'
      resize.observe(element)
    })
    return () => {
      gone = true
      resize.disconnect()
      chart?.destroy()
    }
  }, [props.times, props.lines])

  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <div
        ref={box}
        role="img"
        aria-label={`${props.title}, chart; the figures are in the table above`}
      />
    </figure>
  )
}
