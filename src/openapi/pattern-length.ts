/**
 * The longest string an anchored regular expression can match, when it is bounded (`^\d{12}$` → 12,
 * `^[A-Za-z0-9-]{4,40}$` → 40); null when it is not (`*`, `+`, `{n,}`) or too clever to read here
 * (back-references, lookarounds). Lets the document state the maxLength a @Matches() implies.
 */
export function maxLengthOfPattern(source: string): number | null {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return null;
  try {
    const [length, end] = sequence(source, 1, source.length - 1);
    return end === source.length - 1 ? length : null;
  } catch {
    return null;
  }
}

/** Alternatives up to `end` or a closing parenthesis: [longest, index reached]. */
function sequence(s: string, start: number, end: number): [number, number] {
  let best = 0;
  let current = 0;
  let i = start;
  while (i < end && s[i] !== ')') {
    if (s[i] === '|') {
      best = Math.max(best, current);
      current = 0;
      i++;
      continue;
    }
    let atom: number;
    if (s[i] === '(') {
      if (s[i + 1] === '?' && s[i + 2] !== ':') throw new Error('lookaround');
      const [inner, close] = sequence(s, s[i + 1] === '?' ? i + 3 : i + 1, end);
      if (s[close] !== ')') throw new Error('unbalanced');
      atom = inner;
      i = close + 1;
    } else if (s[i] === '[') {
      i = s.indexOf(']', s[i + 1] === ']' ? i + 2 : i + 1) + 1;
      if (i === 0) throw new Error('unbalanced');
      atom = 1;
    } else if (s[i] === '\\') {
      if (/[1-9k]/.test(s[i + 1])) throw new Error('back-reference');
      i += s[i + 1] === 'x' ? 4 : s[i + 1] === 'u' ? 6 : 2;
      atom = 1;
    } else if ('^$'.includes(s[i])) {
      i++;
      atom = 0;
    } else {
      i++;
      atom = 1;
    }
    const [times, next] = quantifier(s, i);
    current += atom * times;
    i = next;
  }
  return [Math.max(best, current), i];
}

function quantifier(s: string, i: number): [number, number] {
  const c = s[i];
  if (c === '*' || c === '+') throw new Error('unbounded');
  if (c === '?') return [1, i + 1];
  if (c === '{') {
    const close = s.indexOf('}', i);
    const [, max] = /^\{(\d+)(?:,(\d*))?\}$/.exec(s.slice(i, close + 1)) ?? [];
    const bounds = s.slice(i + 1, close).split(',');
    if (max === undefined) throw new Error('not a quantifier');
    if (bounds.length === 2 && bounds[1] === '') throw new Error('unbounded');
    return [Number(bounds[bounds.length - 1]), close + 1];
  }
  return [1, i];
}
