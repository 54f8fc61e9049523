/** The ranges every replica checks, as src/Zordic.Music/Document/DocumentLimits.cs sets them. */
export const LIMITS = {
  minBpm: 20, maxBpm: 400,
  minSwing: 0, maxSwing: 1,
  minVolumeDb: -96, maxVolumeDb: 6,
  minPan: -1, maxPan: 1,
  minPitch: 0, maxPitch: 127,
  minVelocity: 1, maxVelocity: 127,
  maxBars: 4096,
  maxClipLengthBars: 1024,
  maxTicks: 4096 * 32 * 480,
  maxNameLength: 200,
  maxIdLength: 64,
} as const;
