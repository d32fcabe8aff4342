interface Props<T extends string | null> {
  options: readonly T[];
  value: T;
  onPick: (option: T) => void;
  /** What the row chooses, for screen readers. */
  label: string;
  /** The chip's text; `null` stands for "all" where a row offers it. */
  text: (option: T) => string;
  testId: string;
  /** Each chip carries `data-<dataKey>` with its option (`all` for null), so tests and styles can tell them apart. */
  dataKey: string;
  className?: string;
}

/** A row of chips of which one is chosen, such as a status filter or a kind of discount. */
export function ChipChoice<T extends string | null>({ options, value, onPick, label, text, testId, dataKey, className }: Props<T>) {
  return (
    <div className={className ? `chip-row ${className}` : 'chip-row'} role="radiogroup" aria-label={label}>
      {options.map((option) => {
        const id = option ?? 'all';
        return (
          <button
            key={id}
            type="button"
            role="radio"
            aria-checked={value === option}
            className={`chip ${value === option ? 'is-on' : ''}`}
            onClick={() => onPick(option)}
            data-testid={testId}
            {...{ [`data-${dataKey}`]: id }}
          >
            {text(option)}
          </button>
        );
      })}
    </div>
  );
}
