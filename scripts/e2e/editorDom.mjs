// Functions that run inside the workbench page (passed to page.evaluate, so each is
// self-contained): where a piece of text is drawn in the editor, and what color a screenshot
// shows there. The UI checks judge colors on screenshot pixels rather than CSS, so they see
// what reaches the screen.

/**
 * In the page: the bounding box of `sub` inside the first rendered occurrence of `text` in the
 * editor, found across the spans a line is split into (Monaco renders spaces as U+00A0).
 */
export function boxInEditor({ text, sub }) {
  for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-line')) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data.replace(/\u00a0/g, ' '); }
    const i = all.indexOf(text);
    if (i < 0) continue;
    const from = i + text.indexOf(sub);
    const to = from + sub.length;
    const locate = off => { for (const [n, s] of nodes) if (off <= s + n.data.length) return [n, off - s]; return null; };
    const range = document.createRange();
    range.setStart(...locate(from));
    range.setEnd(...locate(to));
    const b = range.getBoundingClientRect();
    return { x: b.x, y: b.y, width: b.width, height: b.height };
  }
  return null;
}

/** In the page: the text color of each box in a PNG, from its pixels (most distant from the background). */
export async function inkColors({ b64, boxes }) {
  const img = new Image();
  img.src = `data:image/png;base64,${b64}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.width; canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  return boxes.map(b => {
    const d = ctx.getImageData(Math.floor(b.x), Math.floor(b.y), Math.ceil(b.width), Math.ceil(b.height)).data;
    const px = [];
    for (let i = 0; i < d.length; i += 4) px.push([d[i], d[i + 1], d[i + 2]]);
    const counts = new Map();
    for (const p of px) counts.set(p.join(), (counts.get(p.join()) ?? 0) + 1);
    const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
    const far = Math.max(...px.map(p => dist(p, bg)));
    const ink = px.filter(p => dist(p, bg) >= 0.7 * far);
    const avg = [0, 1, 2].map(k => Math.round(ink.reduce((s, p) => s + p[k], 0) / ink.length));
    return { bg, ink: avg, contrast: Math.round(far) };
  });
}
