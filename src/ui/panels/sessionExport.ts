/** What the Share menu writes: the session as a `.lab` text or a link (loaded on demand). */
import type { KafkaLab } from '../../engine/lab/KafkaLab';
import { sessionScript, shareUrl } from '../../runtime/shareLink';
import { exportScenario } from '../../scenario/exportScenario';

export function sessionText(lab: KafkaLab, brokerConfig: Readonly<Record<string, string>>): string {
  return exportScenario(sessionScript(lab, brokerConfig));
}

export function sessionLink(pageUrl: string, lab: KafkaLab, brokerConfig: Readonly<Record<string, string>>): string {
  return shareUrl(pageUrl, sessionScript(lab, brokerConfig));
}
