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
export const ScreenShareIcon = () =>
  svg(
    <path d="M21 3H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2Zm0 16H3V5h18v14ZM10 12H8l4-4 4 4h-2v4h-4v-4Z" />,
  );
export const StopShareIcon = () =>
  svg(
    <path d="M21 3H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2V5a2 2 0 0 0-2-2Zm0 16H3V5h18v14Zm-6.41-11L12 10.59 9.41 8 8 9.41 10.59 12 8 14.59 9.41 16 12 13.41 14.59 16 16 14.59 13.41 12 16 9.41 14.59 8Z" />,
  );
export const HandIcon = () =>
  svg(
    <path d="M21 7.5V19a5 5 0 0 1-5 5h-3.6a5 5 0 0 1-3.55-1.48L2 15.6l1.4-1.35a1.5 1.5 0 0 1 1.86-.2L8 15.7V5a1.5 1.5 0 0 1 3 0v6h1V2.5a1.5 1.5 0 0 1 3 0V11h1V3.5a1.5 1.5 0 0 1 3 0V11h1V7.5a1.5 1.5 0 0 1 3 0Z" />,
  );
export const ChatIcon = () =>
  svg(<path d="M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2Zm-2 10H6v-2h12v2Zm0-3H6V7h12v2Z" />);
export const PeopleIcon = () =>
  svg(
    <path d="M16 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm0 2c-2.33 0-7 1.17-7 3.5V19h14v-2.5C15 14.17 10.33 13 8 13Zm8 0c-.29 0-.62.02-.97.05A4.22 4.22 0 0 1 17 16.5V19h6v-2.5c0-2.33-4.67-3.5-7-3.5Z" />,
  );
export const SettingsIcon = () =>
  svg(
    <path d="M3 17v2h6v-2H3ZM3 5v2h10V5H3Zm10 16v-2h8v-2h-8v-2h-2v6h2ZM7 9v2H3v2h4v2h2V9H7Zm14 4v-2H11v2h10Zm-6-4h2V7h4V5h-4V3h-2v6Z" />,
  );
export const PinIcon = () =>
  svg(<path d="M16 9V4h1a1 1 0 0 0 0-2H7a1 1 0 0 0 0 2h1v5a3 3 0 0 1-3 3v2h5.97v7l1 1 1-1v-7H19v-2a3 3 0 0 1-3-3Z" />);
export const FullscreenIcon = () =>
  svg(<path d="M7 14H5v5h5v-2H7v-3Zm-2-4h2V7h3V5H5v5Zm12 7h-3v2h5v-5h-2v3ZM14 5v2h3v3h2V5h-5Z" />);
export const GridIcon = () =>
  svg(
    <path d="M3 3h8v8H3V3Zm2 2v4h4V5H5Zm8-2h8v8h-8V3Zm2 2v4h4V5h-4ZM3 13h8v8H3v-8Zm2 2v4h4v-4H5Zm8-2h8v8h-8v-8Zm2 2v4h4v-4h-4Z" />,
  );
export const SpotlightIcon = () =>
  svg(<path d="M2 4h14v16H2V4Zm2 2v12h10V6H4Zm14-2h4v4h-4V4Zm0 6h4v4h-4v-4Zm0 6h4v4h-4v-4Z" />);
export const CloseIcon = () =>
  svg(
    <path d="M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12 19 6.41Z" />,
  );
export const SendIcon = () => svg(<path d="M2.01 21 23 12 2.01 3 2 10l15 2-15 2 .01 7Z" />);
export const LinkIcon = () =>
  svg(
    <path d="M3.9 12A3.1 3.1 0 0 1 7 8.9h4V7H7a5 5 0 0 0 0 10h4v-1.9H7A3.1 3.1 0 0 1 3.9 12ZM8 13h8v-2H8v2Zm9-6h-4v1.9h4a3.1 3.1 0 0 1 0 6.2h-4V17h4a5 5 0 0 0 0-10Z" />,
  );
