import { useEffect, useRef } from 'react';

/** A small generative banner per project (from its id), so that projects are told apart at a glance. */
export function ProjectArt({ seed }: { seed: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    c.width = c.clientWidth;
    c.height = c.clientHeight;
    let h = 2166136261;
    for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    const next = () => ((h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0) % 1000) / 1000;
    const hue = next() * 360;
    for (let i = 0; i < 48; i++) {
      const x = (i / 48) * c.width;
      const height = (0.2 + next() * 0.8) * c.height * (0.5 + 0.5 * Math.sin(i / 5 + hue));
      g.fillStyle = `hsla(${(hue + i * 3) % 360}, 70%, 60%, ${0.25 + next() * 0.5})`;
      g.fillRect(x, c.height - height, c.width / 48 - 2, height);
    }
  }, [seed]);
  return <canvas ref={canvas} style={{ width: '100%', height: '100%', display: 'block' }} />;
}
