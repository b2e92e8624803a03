import type { Status } from './norms.js';

/** What a tile's state looks like besides its colour: a shape a glance tells apart. */
export type Look = Status | 'quiet' | 'stale';

const PATHS: Record<Look, React.JSX.Element> = {
  ok: <polyline points="5,13 10,18 19,7" fill="none" strokeWidth="3.5" />,
  warn: (
    <>
      <polygon points="12,3 22,21 2,21" fill="none" strokeWidth="2.5" strokeLinejoin="round" />
      <line x1="12" y1="9.5" x2="12" y2="14.5" strokeWidth="2.5" />
      <circle cx="12" cy="18" r="1.2" />
    </>
  ),
  bad: (
    <>
      <line x1="5" y1="5" x2="19" y2="19" strokeWidth="3.5" />
      <line x1="19" y1="5" x2="5" y2="19" strokeWidth="3.5" />
    </>
  ),
  info: (
    <>
      <circle cx="12" cy="12" r="9.5" fill="none" strokeWidth="2.5" />
      <line x1="12" y1="11" x2="12" y2="17" strokeWidth="2.5" />
      <circle cx="12" cy="7.5" r="1.3" />
    </>
  ),
  none: <line x1="5" y1="12" x2="19" y2="12" strokeWidth="3" />,
  quiet: (
    <>
      <line x1="9" y1="5" x2="9" y2="19" strokeWidth="3.5" />
      <line x1="15" y1="5" x2="15" y2="19" strokeWidth="3.5" />
    </>
  ),
  stale: (
    <>
      <circle cx="12" cy="12" r="9.5" fill="none" strokeWidth="2.5" />
      <polyline points="12,6.5 12,12 16,14" fill="none" strokeWidth="2.5" />
    </>
  ),
};

/** The state's icon, drawn in the text colour; decorative, since the word beside it says the same. */
export function StatusIcon({ look }: { look: Look }) {
  return (
    <svg
      className="wall-icon"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      stroke="currentColor"
      fill="currentColor"
      strokeLinecap="round"
    >
      {PATHS[look]}
    </svg>
  );
}
