import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { classifyKeyword } from './classify-keyword.js'

const kindOf = (text: string): string | undefined => classifyKeyword(text)?.kind

describe('classifyKeyword', () => {
  it('reads every opt-out keyword, in English, French, Spanish and German', () => {
    const expected: [string, string, string][] = [
      ['STOP', 'STOP', 'en'],
      ['STOPALL', 'STOPALL', 'en'],
      ['UNSUBSCRIBE', 'UNSUBSCRIBE', 'en'],
      ['CANCEL', 'CANCEL', 'en'],
      ['END', 'END', 'en'],
      ['QUIT', 'QUIT', 'en'],
      ['OPTOUT', 'OPTOUT', 'en'],
      ['REVOKE', 'REVOKE', 'en'],
      ['ARRET', 'ARRET', 'fr'],
      ['ARRÊT', 'ARRET', 'fr'],
      ['ALTO', 'ALTO', 'es'],
      ['PARAR', 'PARAR', 'es'],
      ['BAJA', 'BAJA', 'es'],
      ['STOPP', 'STOPP', 'de'],
      ['ABMELDEN', 'ABMELDEN', 'de'],
    ]
    for (const [text, keyword, language] of expected) {
      assert.deepEqual(classifyKeyword(text), { kind: 'opt_out', keyword, language }, text)
    }
  })

  it('ignores case, surrounding spaces and punctuation', () => {
    for (const text of ['stop', 'Stop', ' STOP ', 'Stop.', 'STOP!!', '"stop"', '¡Baja!', 'arrêt']) {
      assert.equal(kindOf(text), 'opt_out', text)
    }
  })

  it('accepts a short courtesy around the keyword', () => {
    for (const text of [
      'stop please',
      'stop thanks',
      'Stop, merci',
      'STOP thank you!',
      'Please stop',
      'Stopp bitte',
      'baja por favor',
      'Arrêt s’il vous plaît',
      'stop please thanks',
    ]) {
      assert.equal(kindOf(text), 'opt_out', text)
    }
  })

  it('reads keywords written as two words', () => {
    assert.deepEqual(classifyKeyword('opt out'), {
      kind: 'opt_out',
      keyword: 'OPTOUT',
      language: 'en',
    })
    assert.equal(classifyKeyword('Stop all')?.keyword, 'STOPALL')
    assert.equal(classifyKeyword('OPT-OUT')?.keyword, 'OPTOUT')
  })

  it('does not take a sentence that merely contains a keyword for an opt-out', () => {
    for (const text of [
      "don't stop my order",
      'please stop sending me the wrong size',
      'Stop it',
      'STOP STOP',
      'when does the sale end',
      'I want to cancel my order',
      'stop please thanks a lot',
      'Is the beanie in blue?',
      '',
      '!!!',
    ]) {
      assert.equal(classifyKeyword(text), undefined, text)
    }
  })

  it('reads START, UNSTOP and YES as asking for messages again', () => {
    assert.deepEqual(classifyKeyword('Start'), { kind: 'opt_in', keyword: 'START', language: 'en' })
    assert.equal(kindOf('unstop'), 'opt_in')
    assert.deepEqual(classifyKeyword('Yes!'), { kind: 'confirm', keyword: 'YES', language: 'en' })
    assert.equal(kindOf('yes please'), 'confirm')
    assert.equal(kindOf('yes, I want the blue one'), undefined)
  })

  it('reads HELP and INFO, and help in the other languages', () => {
    assert.deepEqual(classifyKeyword('help'), { kind: 'help', keyword: 'HELP', language: 'en' })
    assert.equal(kindOf('INFO'), 'help')
    assert.equal(classifyKeyword('Aide')?.language, 'fr')
    assert.equal(classifyKeyword('ayuda')?.language, 'es')
    assert.equal(classifyKeyword('Hilfe')?.language, 'de')
    assert.equal(kindOf('more info please'), undefined)
  })
})
