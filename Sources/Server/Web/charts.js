// Charts as inline SVG, drawn from the reports: nothing loaded from elsewhere.
const svgNS = 'http://www.w3.org/2000/svg';

function shorten(text, length) {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}

function s(tag, attributes = {}, text) {
  const element = document.createElementNS(svgNS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Horizontal bars: one per row `{label, value}` on a 0…max scale. */
export function barChart(rows, { max = 100, title = '' } = {}) {
  const rowHeight = 22;
  const width = 760;
  const labelWidth = 300;
  const svg = s('svg', { viewBox: `0 0 ${width} ${rows.length * rowHeight + 30}`, role: 'img', class: 'chart', 'aria-label': title });
  rows.forEach((row, i) => {
    const y = i * rowHeight + 20;
    const barWidth = Math.max(0, ((width - labelWidth - 60) * row.value) / max);
    svg.append(s('text', { x: labelWidth - 6, y: y + 14, 'text-anchor': 'end', class: 'label' }, shorten(row.label, 44)));
    svg.append(s('rect', { x: labelWidth, y: y + 2, width: barWidth, height: rowHeight - 6, class: 'bar' }));
    svg.append(s('text', { x: labelWidth + barWidth + 4, y: y + 14, class: 'value' }, row.text ?? String(row.value)));
  });
  svg.prepend(s('text', { x: 0, y: 12, class: 'title' }, title));
  return svg;
}

/** Paired bars per group: self-score beside appraised, `{label, self, appraised, max}`. */
export function pairedChart(groups, { title = '', selfLabel = 'self', appraisedLabel = 'appraised', format = String } = {}) {
  const groupHeight = 40;
  const width = 760;
  const labelWidth = 250;
  const svg = s('svg', { viewBox: `0 0 ${width} ${groups.length * groupHeight + 50}`, role: 'img', class: 'chart', 'aria-label': title });
  svg.append(s('text', { x: 0, y: 12, class: 'title' }, title));
  svg.append(s('rect', { x: labelWidth, y: 20, width: 12, height: 10, class: 'bar self' }));
  svg.append(s('text', { x: labelWidth + 16, y: 29, class: 'value' }, selfLabel));
  svg.append(s('rect', { x: labelWidth + 140, y: 20, width: 12, height: 10, class: 'bar appraised' }));
  svg.append(s('text', { x: labelWidth + 156, y: 29, class: 'value' }, appraisedLabel));
  groups.forEach((group, i) => {
    const y = i * groupHeight + 40;
    const scale = (width - labelWidth - 80) / (group.max || 1);
    svg.append(s('text', { x: labelWidth - 6, y: y + 20, 'text-anchor': 'end', class: 'label' }, shorten(group.label, 36)));
    svg.append(s('rect', { x: labelWidth, y: y + 4, width: group.self * scale, height: 14, class: 'bar self' }));
    svg.append(s('text', { x: labelWidth + group.self * scale + 4, y: y + 15, class: 'value' }, format(group.self)));
    svg.append(s('rect', { x: labelWidth, y: y + 20, width: group.appraised * scale, height: 14, class: 'bar appraised' }));
    svg.append(s('text', { x: labelWidth + group.appraised * scale + 4, y: y + 31, class: 'value' }, format(group.appraised)));
  });
  return svg;
}
