/** What a WAV file is made from: Web Audio's AudioBuffer has this shape. */
export interface PcmSource {
  readonly numberOfChannels: number;
  readonly sampleRate: number;
  readonly length: number;
  getChannelData(channel: number): Float32Array;
}

const HEADER_BYTES = 44;

/**
 * A RIFF/WAVE file of 16-bit PCM, channels interleaved, little-endian: the format every audio program
 * opens. Samples are clipped to [−1, 1] and rounded to the nearest step (−1 → −32767, so that the
 * scale is symmetric and 0 stays 0).
 */
export function encodeWav(source: PcmSource): Uint8Array<ArrayBuffer> {
  const channels = source.numberOfChannels;
  const frames = source.length;
  const dataBytes = frames * channels * 2;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // the fmt chunk's size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, source.sampleRate, true);
  view.setUint32(28, source.sampleRate * channels * 2, true); // bytes per second
  view.setUint16(32, channels * 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let c = 0; c < channels; c++) {
    const samples = source.getChannelData(c);
    for (let i = 0, at = HEADER_BYTES + c * 2; i < frames; i++, at += channels * 2) {
      const s = samples[i]!;
      view.setInt16(at, Math.round((s > 1 ? 1 : s < -1 ? -1 : s) * 32767), true);
    }
  }
  return bytes;
}
