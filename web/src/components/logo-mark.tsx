/** The Groundwork mark: three rising buildings on a ground line, in a rounded square. */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 48 48" role="img" aria-label="Groundwork" focusable="false">
      <defs>
        <linearGradient id="gw-logo-bg" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#1d5fb3" />
          <stop offset="1" stopColor="#0f3e7a" />
        </linearGradient>
      </defs>
      <rect width="48" height="48" rx="10" fill="url(#gw-logo-bg)" />
      <path d="M12 33V23l6-3.5V33" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinejoin="round" />
      <path d="M21.5 33V14.5l8-4.5V33" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinejoin="round" />
      <path d="M33 33V20.5l4 2V33" fill="none" stroke="#fff" strokeWidth="2.6" strokeLinejoin="round" />
      <path d="M8 37h32" stroke="#f5b82e" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
