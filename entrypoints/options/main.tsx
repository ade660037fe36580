import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '../../components/Options';
import { loadSettings, saveSettings } from '../../lib/platform/settings';
import '../../components/theme.css';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
void loadSettings().then((loaded) => {
  render(<Options loaded={loaded} onSave={saveSettings} />, document.getElementById('app')!);
});
