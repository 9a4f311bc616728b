import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../../app/session';
import { AppointmentsSection } from './AppointmentsSection';
import { ApprovalsSection } from './ApprovalsSection';
import { FavoritesSection } from './FavoritesSection';
import { OpenInterventionsSection } from './OpenInterventionsSection';
import { WarningsSection } from './WarningsSection';
import './home.css';

/**
 * My page (the seed's "Pagina Mea"): where a person lands after logging in. Their favorites, and, for those who may
 * read interventions, the warnings of their branches, their open documents, today's appointments and the approvals
 * waiting. Main refuses those
 * reads to anyone else; the sections are not even asked for here.
 */
export function HomeScreen() {
  const { t } = useTranslation();
  const { user } = useSession();
  const can = useCan();
  const interventions = can('interventions', 'read');
  return (
    <div className="planora-page pl-home" data-testid="home-screen">
      <Title order={1} size="h3">
        {t('home.greeting', { name: user.name })}
      </Title>
      <div className={interventions ? 'pl-home-grid' : 'pl-home-grid pl-home-single'}>
        {interventions && <WarningsSection />}
        <FavoritesSection />
        {interventions && (
          <>
            <AppointmentsSection />
            <ApprovalsSection />
            <OpenInterventionsSection />
          </>
        )}
      </div>
    </div>
  );
}
