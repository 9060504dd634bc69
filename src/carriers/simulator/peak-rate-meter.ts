/** The most events seen within any one second (a sliding window, not calendar seconds). */
export class PeakRateMeter {
  #times: number[] = []
  #head = 0
  #peak = 0

  get peakPerSecond(): number {
    return this.#peak
  }

  record(nowMs: number): void {
    this.#times.push(nowMs)
    while (this.#times[this.#head]! <= nowMs - 1000) this.#head++
    this.#peak = Math.max(this.#peak, this.#times.length - this.#head)

    if (this.#head > 4096 && this.#head * 2 > this.#times.length) {
      this.#times = this.#times.slice(this.#head)
      this.#head = 0
    }
  }

  reset(): void {
    this.#times = []
    this.#head = 0
    this.#peak = 0
  }
}
