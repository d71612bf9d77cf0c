/** @jsxRuntime automatic */
import { useHistory } from '../hooks/useHistory';
import { Sparkline } from './Sparkline';

interface HistorySparklineProps {
  series: string;
  label: string;
  format: (value: number) => string;
  domain?: [number, number];
}

/** The last hour of one history series as a sparkline. */
export function HistorySparkline({ series, label, format, domain }: HistorySparklineProps) {
  const { points, error } = useHistory(series);
  if (error) {
    return (
      <span className="sparkline sparkline-empty" title={error.message}>
        history unavailable
      </span>
    );
  }
  return <Sparkline points={points} label={label} format={format} domain={domain} />;
}
