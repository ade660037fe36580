import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/options/Options';
import { t } from '../../lib/platform/i18n';
import { loadSettings } from '../../lib/platform/settings';
import { services } from './browser-services';
import '../../components/shared/theme.css';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('optionsTitle');
void loadSettings().then((loaded) => {
  render(<Options initial={loaded} services={services} />, document.getElementById('app')!);
});
