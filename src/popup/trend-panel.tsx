import { useEffect, useState } from 'preact/hooks';
import { dayOf } from '../radar/days';
import { radarDb } from '../store/db';
import { loadTrend } from '../ui/queries';
import { afterReady } from '../ui/ready-mark';
import { TrendChart } from '../ui/trend-chart';
import { useLiveQuery } from '../ui/use-live-query';

/**
 * The 30-day trend of active warnings, summed over every site. It reads once the list is on
 * screen (the list comes first); its box keeps its height meanwhile, so nothing moves.
 */
export function TrendPanel({ height }: { height: number }) {
  const [go, setGo] = useState(false);
  useEffect(() => afterReady(() => setGo(true)), []);
  const points = useLiveQuery(
    () => (go ? loadTrend(radarDb(), dayOf(Date.now())) : Promise.resolve(null)),
    [go],
  );
  return (
    <div class="trend-box" style={{ minHeight: `${height + 40}px` }}>
      {points && <TrendChart points={points} height={height} />}
    </div>
  );
}
