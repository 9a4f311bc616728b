import { Menu, Tray, nativeImage } from 'electron';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon';

/**
 * The tray keeps Planora running with its window closed, so reminder calls and other clock-driven jobs
 * go on; Quit there is the way out.
 */
export function createTray(actions: { open: () => void; quit: () => void }): Tray {
  const icon = nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG_BASE64, 'base64'), { scaleFactor: 2 });
  const tray = new Tray(icon);
  tray.setToolTip('Planora');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Planora', click: actions.open },
      { type: 'separator' },
      { label: 'Quit', click: actions.quit },
    ]),
  );
  // Windows habit: a left click on the tray icon opens the window.
  tray.on('click', actions.open);
  return tray;
}
