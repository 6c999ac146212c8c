import '../platform/zod-config';
import { render } from 'preact';
import { t } from '../ui/i18n';

function Options() {
  return (
    <main>
      <header class="bar">
        <h1>{t('optionsTitle')}</h1>
      </header>
    </main>
  );
}

const root = document.getElementById('app');
if (root) render(<Options />, root);
