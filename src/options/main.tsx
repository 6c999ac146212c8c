import '../platform/zod-config';
import { render } from 'preact';
import { browser } from '../platform/browser';
import { t } from '../ui/i18n';
import { OptionsApp } from './app';

document.title = t('optionsTitle');
// The strings come from browser.i18n: the page's language is the browser UI's.
document.documentElement.lang = browser.i18n.getUILanguage();
const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
