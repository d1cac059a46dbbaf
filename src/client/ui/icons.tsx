import type { JSX } from 'preact';

const svg = (path: JSX.Element): JSX.Element => (
  <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
    {path}
  </svg>
);

export const MicIcon = () =>
  svg(
    <path d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z" />,
  );
export const MicOffIcon = () =>
  svg(
    <path d="M19 11h-2a5 5 0 0 1-.43 2.02l1.5 1.5A6.96 6.96 0 0 0 19 11Zm-4-.17V5a3 3 0 0 0-5.94-.6L15 10.83ZM4.27 3 3 4.27l6 6V11a3 3 0 0 0 4.52 2.6l1.5 1.5A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.92V21h2v-3.08a6.9 6.9 0 0 0 3.3-1.35L19.73 21 21 19.73 4.27 3Z" />,
  );
export const CamIcon = () =>
  svg(<path d="M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11l-4 4Z" />);
export const CamOffIcon = () =>
  svg(
    <path d="M21 6.5l-4 4V7a1 1 0 0 0-1-1H9.82L21 17.18V6.5ZM3.27 2 2 3.27 4.73 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.21 0 .39-.08.55-.18L19.73 21 21 19.73 3.27 2Z" />,
  );
export const LeaveIcon = () =>
  svg(
    <path d="M12 9c-1.6 0-3.15.25-4.6.72v3.1c0 .39-.23.74-.56.9-.98.49-1.87 1.12-2.66 1.85a1 1 0 0 1-1.41-.02L.29 13.08a1 1 0 0 1 0-1.41C3.34 8.78 7.46 7 12 7s8.66 1.78 11.71 4.67a1 1 0 0 1 0 1.41l-2.48 2.48a1 1 0 0 1-1.41.02 11.3 11.3 0 0 0-2.67-1.85 1 1 0 0 1-.56-.9v-3.1A15.1 15.1 0 0 0 12 9Z" />,
  );
