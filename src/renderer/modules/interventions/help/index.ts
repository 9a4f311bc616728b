import type { HelpTopic } from '../../../app/help';

// Each page is fetched the first time it is asked for, in the reader's language (English where one is missing).
const pages = import.meta.glob<string>('./*.md', { query: '?raw', import: 'default' });

function topic(id: 'grid' | 'form' | 'appointments', titleKey: string): HelpTopic {
  return {
    id: `interventions.${id}`,
    titleKey,
    load: async (lng) => {
      const page = pages[`./${id}.${lng}.md`] ?? pages[`./${id}.en.md`];
      return page ? page() : null;
    },
  };
}

export const GRID_HELP = topic('grid', 'interventions.title');
export const FORM_HELP = topic('form', 'help.screens.interventionForm');
export const APPOINTMENTS_HELP = topic('appointments', 'interventions.appointments.title');
