import type { EffectFamily } from '../music/visualEffects';

/** One note to draw: where its instrument's column is, how far through its life it is (0 → 1). */
export interface EffectDraw {
  readonly family: EffectFamily | null;
  /** Column centre and width, canvas pixels. */
  readonly cx: number;
  readonly columnWidth: number;
  /** Height of the drawing area and the note's height in it (by frequency). */
  readonly height: number;
  readonly cy: number;
  readonly age: number;
  /** The seed's velocity → scale (0.5–2.0) and frequency → hue mappings. */
  readonly scale: number;
  readonly hue: number;
  /** A number that differs from note to note (its audio time), for the particles' directions. */
  readonly seed: number;
  readonly dpr: number;
}

/**
 * Draws one note in its instrument's effect family (the visual agent's choice): kicks pulse from the
 * bottom, bass ripples, snares and claps flash their column, hats scatter particles, leads draw a
 * wave, chords and pads glow. Without a family yet, the plain bloom.
 */
export function drawEffect(g: CanvasRenderingContext2D, d: EffectDraw): void {
  const { cx, cy, age, scale, hue, dpr, columnWidth, height } = d;
  const life = 1 - age;
  const color = (alpha: number, light = 60) => `hsla(${hue.toFixed(1)}, 70%, ${light}%, ${Math.max(0, alpha).toFixed(3)})`;
  switch (d.family) {
    case 'pulse': {
      // A swell from the floor of the column, strongest at the hit.
      const r = (18 + 26 * scale) * dpr * (0.7 + 0.3 * life);
      const y = height;
      const grad = g.createRadialGradient(cx, y, 0, cx, y, r);
      grad.addColorStop(0, color(0.9 * life * life, 65));
      grad.addColorStop(1, color(0));
      g.fillStyle = grad;
      g.fillRect(cx - r, y - r, 2 * r, r);
      return;
    }
    case 'ripple': {
      const r = (4 + 30 * scale * age) * dpr;
      g.beginPath();
      g.ellipse(cx, height * 0.82, r, r * 0.45, 0, 0, Math.PI * 2);
      g.strokeStyle = color(0.85 * life);
      g.lineWidth = 2 * dpr;
      g.stroke();
      return;
    }
    case 'flash': {
      const w = columnWidth * 0.8;
      g.fillStyle = color(0.32 * life ** 3, 70);
      g.fillRect(cx - w / 2, 0, w, height);
      g.beginPath();
      g.arc(cx, cy, (3 + 5 * scale) * dpr * life, 0, Math.PI * 2);
      g.fillStyle = color(0.9 * life, 80);
      g.fill();
      return;
    }
    case 'particles': {
      const count = 6;
      for (let i = 0; i < count; i++) {
        const angle = (i / count) * Math.PI * 2 + ((d.seed * 977) % 1) * Math.PI * 2;
        const dist = (4 + 22 * scale * age) * dpr;
        g.beginPath();
        g.arc(cx + Math.cos(angle) * dist, cy + Math.sin(angle) * dist * 0.6, Math.max(0.5, 1.6 * dpr * life), 0, Math.PI * 2);
        g.fillStyle = color(0.9 * life, 72);
        g.fill();
      }
      return;
    }
    case 'wave': {
      const w = columnWidth * 0.8;
      const amplitude = 5 * scale * dpr * life;
      g.beginPath();
      for (let x = 0; x <= w; x += 3 * dpr) {
        const y = cy + Math.sin((x / w) * Math.PI * 4 + age * 6) * amplitude * Math.sin((x / w) * Math.PI);
        if (x === 0) g.moveTo(cx - w / 2 + x, y);
        else g.lineTo(cx - w / 2 + x, y);
      }
      g.strokeStyle = color(0.9 * life, 65);
      g.lineWidth = 1.6 * dpr;
      g.stroke();
      return;
    }
    case 'glow': {
      const r = (20 + 22 * scale) * dpr;
      const grad = g.createRadialGradient(cx, cy, 0, cx, cy, r);
      grad.addColorStop(0, color(0.4 * life));
      grad.addColorStop(1, color(0));
      g.fillStyle = grad;
      g.fillRect(cx - r, cy - r, 2 * r, 2 * r);
      return;
    }
    default: {
      g.beginPath();
      g.arc(cx, cy, (6 + 10 * life) * scale * dpr, 0, Math.PI * 2);
      g.fillStyle = color(life * 0.85);
      g.shadowColor = color(1);
      g.shadowBlur = 14 * life;
      g.fill();
      g.shadowBlur = 0;
    }
  }
}
