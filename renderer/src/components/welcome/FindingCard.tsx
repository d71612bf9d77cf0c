/** @jsxRuntime automatic */
import { useId, type ReactNode } from 'react';

/** One thing the first start found: a sentence, what it rests on, and (for a monitor) its switch. */
export function FindingCard(props: {
  title: string;
  sentence: string;
  detail?: string | null;
  found: boolean;
  toggle?: { label: string; checked: boolean; onChange(checked: boolean): void };
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <section className={`welcome-finding ${props.found ? 'welcome-found' : 'welcome-missing'}`} aria-label={props.title}>
      <h2>{props.title}</h2>
      <p className="welcome-sentence">{props.sentence}</p>
      {props.detail && <p className="welcome-detail muted">{props.detail}</p>}
      {props.children}
      {props.toggle && (
        <label className="welcome-toggle" htmlFor={id}>
          <input id={id} type="checkbox" checked={props.toggle.checked} onChange={(e) => props.toggle?.onChange(e.target.checked)} />
          {props.toggle.label}
        </label>
      )}
    </section>
  );
}
