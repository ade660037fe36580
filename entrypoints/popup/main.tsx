import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Popup } from '../../components/Popup';
import { onStatusChanged, readStatus, type ConnectionStatus } from '../../lib/platform/status';
import '../../components/theme.css';
import './style.css';

const root = document.getElementById('app')!;
document.documentElement.lang = browser.i18n.getUILanguage();

function openOptions() {
  void browser.runtime.openOptionsPage().then(() => window.close());
}

function show(status: ConnectionStatus | undefined | 'loading') {
  render(<Popup status={status} onOpenOptions={openOptions} />, root);
}

show('loading');
onStatusChanged(show);
void readStatus().then(show);
