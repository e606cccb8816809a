import Decimal from 'decimal.js';

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/**
 * 完成目标 %: a figure's progress ÷ its target × 100, one decimal (half up); null when either is
 * unknown or the target is zero. The one computation behind the targets page, the summary and
 * the cockpit.
 */
export function completionPct(progress: string | null, target: string | null): string | null {
  if (progress === null || target === null || new Dec(target).isZero()) return null;
  return new Dec(progress).div(target).times(100).toDecimalPlaces(1).toFixed(1);
}
