'use client';

import { useEffect, useId, useState } from 'react';

interface Props {
  /** The number input that the form submits; the slider only drives it. */
  inputId: string;
  /** The log head: the slider's last stop is the present. */
  max: number;
}

/**
 * A slider for scrubbing through the log by position. It appears only with JavaScript, drives the
 * plain number input (which alone is submitted), and submits the form when released.
 */
export function PositionSlider({ inputId, max }: Props) {
  const id = useId();
  const [value, setValue] = useState<number | null>(null);

  useEffect(() => {
    const input = document.getElementById(inputId);
    if (!(input instanceof HTMLInputElement)) return;
    // An empty field is the present (the head); 0 is the log before its first event.
    const sync = () => setValue(input.value === '' ? max : Number(input.value));
    sync();
    input.addEventListener('input', sync);
    return () => input.removeEventListener('input', sync);
  }, [inputId, max]);

  if (value === null || max < 2) return null;

  function drive(next: number) {
    const input = document.getElementById(inputId);
    if (input instanceof HTMLInputElement) input.value = String(next);
    setValue(next);
  }

  return (
    <div className="field slider">
      <label htmlFor={id}>Scrub through the log</label>
      <input
        id={id}
        type="range"
        min={0}
        max={max}
        step={1}
        value={value}
        aria-valuetext={`position ${value} of ${max}`}
        onChange={(e) => drive(Number(e.currentTarget.value))}
        onPointerUp={(e) => e.currentTarget.form?.requestSubmit()}
        onKeyUp={(e) => {
          if (e.key === 'Enter') e.currentTarget.form?.requestSubmit();
        }}
      />
      <output htmlFor={`${id} ${inputId}`} className="slider__value">
        Position {value} of {max}
      </output>
    </div>
  );
}
