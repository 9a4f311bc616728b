import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../app/apiQuery';
import { interventionAddress } from '../interventions/addressed';
import { WarningsPanel } from '../interventions/WarningsPanel';
import { HomeSection } from './HomeSection';

/** The open warnings of the person's branches, across the page above the rest: what needs acting on first. */
export function WarningsSection() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // The same query as the panel's: one answer serves the count and the list.
  const q = useApiQuery('interventions.warnings.list', {}, { staleTime: 60_000 });
  return (
    <div className="pl-home-warnings">
      <HomeSection
        title={t('interventions.warnings.title')}
        testId="home-warnings"
        count={q.data?.total}
        loading={q.isPending}
        error={q.error}
        isEmpty={q.data?.total === 0}
        empty={t('interventions.warnings.empty')}
      >
        <WarningsPanel onOpenIntervention={(id) => void navigate(interventionAddress({ open: id }))} />
      </HomeSection>
    </div>
  );
}
