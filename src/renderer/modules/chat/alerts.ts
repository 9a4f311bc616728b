/**
 * The console's alerts, made in the renderer with the browser's own APIs: a short two-note chime (WebAudio
 * oscillators, no sound file) on a new visitor message, and a Notification (Electron shows it as the OS's) when a new
 * conversation arrives. Each can be turned off by the person; the choice stays on this computer.
 */
export interface ChatAlertPrefs {
  sound: boolean;
  notify: boolean;
}

const KEY = (userId: string) => `planora.chatAlerts.${userId}`;

export function readAlertPrefs(userId: string): ChatAlertPrefs {
  try {
    const v = JSON.parse(localStorage.getItem(KEY(userId)) ?? '{}') as Partial<ChatAlertPrefs>;
    return { sound: v.sound !== false, notify: v.notify !== false };
  } catch {
    return { sound: true, notify: true };
  }
}

export function saveAlertPrefs(userId: string, prefs: ChatAlertPrefs): void {
  localStorage.setItem(KEY(userId), JSON.stringify(prefs));
  window.dispatchEvent(new Event('planora-chat-alerts'));
}

let audio: AudioContext | null = null;

/** A soft rising fifth (E5 → B5), a quarter of a second, quiet: heard, not startling. */
export function playChime(): void {
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return;
  audio ??= new Ctor();
  const ctx = audio;
  const start = ctx.currentTime;
  [659.25, 987.77].forEach((freq, i) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * 0.12;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.15, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.22);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + 0.25);
  });
}

/** Asks once for the right to notify; shows nothing when refused (the console's list still turns red). */
export async function notifyNewChat(title: string, body: string, onClick: () => void, tag = 'planora-chat'): Promise<void> {
  if (typeof Notification === 'undefined') return;
  let permission = Notification.permission;
  if (permission === 'default') permission = await Notification.requestPermission();
  if (permission !== 'granted') return;
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    onClick();
  };
}
