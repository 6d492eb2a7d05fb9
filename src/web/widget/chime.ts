/** A short soft tone for a reply the customer has not seen; the AudioContext is made on first use (after a click, as browsers require). */
export class Chime {
  private audio: AudioContext | undefined;

  play(): void {
    try {
      this.audio ??= new AudioContext();
      const { currentTime: now } = this.audio;
      const tone = this.audio.createOscillator();
      const gain = this.audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.06, now);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.25);
      tone.connect(gain).connect(this.audio.destination);
      tone.start(now);
      tone.stop(now + 0.25);
    } catch {
      // No audio here; the badge still tells.
    }
  }

  close(): void {
    void this.audio?.close();
  }
}
