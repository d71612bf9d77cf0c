/** @jsxRuntime automatic */
import { useState } from 'react';
import type { KeptItem } from '../../../../shared/types/actions';
import { keptKindWords } from './emergencyFormat';

/** Longer lists start folded to their count: the items to act on come first. */
const FOLD_OVER = 6;

/** What the plan saw and keeps, each with why ("named volume, never removed"). */
export function KeptList({ kept }: { kept: readonly KeptItem[] }) {
  const [open, setOpen] = useState(kept.length <= FOLD_OVER);
  if (kept.length === 0) return <p className="muted">Nothing else was seen that had to be kept.</p>;
  return (
    <section className="kept-list" aria-label="Kept">
      <h3>
        Kept ({kept.length}): what stays and why{' '}
        {kept.length > FOLD_OVER ? (
          <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide' : `Show all ${kept.length}`}
          </button>
        ) : null}
      </h3>
      {open ? (
        <ul>
          {kept.map((item) => (
            <li key={item.id}>
              <span className="kept-kind">{keptKindWords(item.kind)}</span> <span className="kept-name">{item.name}</span>: <span className="muted">{item.reason}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
