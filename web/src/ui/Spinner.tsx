export function Spinner({ size = 24, label }: { size?: number; label?: string }) {
  return (
    <span className="spinner" style={{ width: size, height: size }} role="status" aria-label={label}>
      <span className="spinner-ring" />
    </span>
  );
}

export function FullScreenSpinner({ label }: { label?: string }) {
  return (
    <div className="fullscreen-center">
      <Spinner size={32} label={label} />
    </div>
  );
}

/** Placeholder rows in the shape of a list of people, shown while the list loads. */
export function SkeletonRows({ count = 5 }: { count?: number }) {
  return (
    <div aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        <div className="row skeleton-row" key={i}>
          <span className="skeleton skeleton-avatar" />
          <span className="row-text">
            <span className="skeleton skeleton-line" style={{ width: `${40 + ((i * 17) % 35)}%` }} />
            <span className="skeleton skeleton-line short" />
          </span>
        </div>
      ))}
    </div>
  );
}
