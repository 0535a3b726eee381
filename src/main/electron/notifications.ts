/** Desktop notifications for alarms, shown by the main process on the console's request (rate-limited). */
import { Notification } from 'electron';
import { NotificationRateLimiter, parseNotifyArgs } from './notify-guard';

export class DesktopNotifier {
  private readonly limiter = new NotificationRateLimiter(() => Date.now());
  /** Live notifications, referenced so a click still reaches us after garbage collection would run. */
  private readonly live = new Set<Notification>();

  constructor(private readonly onClick: () => void) {}

  /** Shows `(title, body)` from the renderer; silently drops invalid, unsupported or rate-limited requests. */
  show(args: readonly unknown[]): void {
    const parsed = parseNotifyArgs(args);
    if (!parsed || !Notification.isSupported() || !this.limiter.allow()) return;
    const notification = new Notification({ title: parsed.title, body: parsed.body });
    this.live.add(notification);
    const forget = (): void => void this.live.delete(notification);
    notification.on('click', () => {
      forget();
      this.onClick();
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
  }
}
