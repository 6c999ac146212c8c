import type { Warning } from '../radar/model';
import { t } from './i18n';
import { WarningItem } from './warning-item';

/** A site's pipeline warnings (causes across deals), shown above its deals. */
export function PipelineList({
  warnings,
  site,
  level = 2,
}: {
  warnings: readonly Warning[];
  site: string;
  level?: 2 | 3;
}) {
  if (warnings.length === 0) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <section class="pipeline-list">
      <Heading class="section-title">{t('pipelineWarnings')}</Heading>
      {warnings.map((w) => (
        <WarningItem key={w.id} warning={w} subject={site} level={level === 2 ? 3 : 4} pipeline />
      ))}
    </section>
  );
}
