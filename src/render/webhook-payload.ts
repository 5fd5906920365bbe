import type { Worsening } from "../core/notify/detect-changes.js";
import { plural } from "./plural.js";

/** The message formats a chat webhook accepts. */
export const WEBHOOK_FORMATS = ["generic", "teams", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** What happened on the dashboard, for people in chat. */
export interface DashboardNotification {
  readonly event: "worsened" | "all-ready";
  readonly worsened: readonly Worsening[];
  readonly instanceCount: number;
  /** The dashboard issue, when there is one. */
  readonly issueUrl?: string | undefined;
}

/**
 * The notification as the JSON body of an incoming webhook: `generic` (cspops's own shape, for
 * anything that reads JSON), `teams` (a message with an Adaptive Card, what Teams' Workflows
 * webhooks and the older connectors accept) or `slack` (`text` plus mrkdwn blocks).
 */
export function renderWebhookPayload(notification: DashboardNotification, format: WebhookFormat): unknown {
  const headline = headlineOf(notification);
  switch (format) {
    case "generic":
      return {
        schemaVersion: 1,
        event: notification.event,
        text: headline,
        issueUrl: notification.issueUrl ?? null,
        instances: notification.worsened.map((w) => ({
          name: w.name,
          from: w.from ?? null,
          to: w.to,
          newErrors: w.newErrors,
          enteredWarnWindow: w.enteredWarnWindow,
          owners: w.owners,
        })),
      };
    case "teams":
      return {
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            contentUrl: null,
            content: {
              $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
              type: "AdaptiveCard",
              version: "1.4",
              body: [
                { type: "TextBlock", text: headline, weight: "Bolder", wrap: true },
                ...notification.worsened.map((w) => ({ type: "TextBlock", text: plainLine(w), wrap: true })),
              ],
              ...(notification.issueUrl === undefined
                ? {}
                : {
                    actions: [
                      { type: "Action.OpenUrl", title: "Open the dashboard", url: notification.issueUrl },
                    ],
                  }),
            },
          },
        ],
      };
    case "slack": {
      const lines = notification.worsened.map((w) => `• ${slackEscape(plainLine(w))}`);
      const link =
        notification.issueUrl === undefined
          ? []
          : [`<${slackEscape(notification.issueUrl)}|Open the dashboard>`];
      return {
        text: headline,
        blocks: [
          {
            type: "section",
            text: { type: "mrkdwn", text: [`*${slackEscape(headline)}*`, ...lines, ...link].join("\n") },
          },
        ],
      };
    }
  }
}

function headlineOf(notification: DashboardNotification): string {
  if (notification.event === "all-ready")
    return `cspops: all ${plural(notification.instanceCount, "partner instance")} ready`;
  return `cspops: ${plural(notification.worsened.length, "partner instance")} got worse`;
}

/** One instance in plain words (no Markdown): names, statuses and codes are of a fixed alphabet. */
function plainLine(w: Worsening): string {
  const change =
    w.from === undefined ? `now ${w.to}` : w.from === w.to ? `still ${w.to}` : `${w.from} → ${w.to}`;
  const extra = [
    ...(w.enteredWarnWindow ? ["consent enters its warning window"] : []),
    ...(w.newErrors.length > 0 ? [`new: ${w.newErrors.join(", ")}`] : []),
  ];
  const owners = w.owners.length === 0 ? "" : ` (owners: ${w.owners.join(", ")})`;
  return `${w.name}: ${[change, ...extra].join("; ")}${owners}`;
}

/** Slack's mrkdwn treats `&`, `<` and `>` as control characters. */
function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** The format a webhook URL's host implies, when the user did not choose one. */
export function webhookFormatFor(url: URL): WebhookFormat {
  const host = url.hostname.toLowerCase();
  if (host === "hooks.slack.com") return "slack";
  if (
    host.endsWith(".webhook.office.com") ||
    host.endsWith(".logic.azure.com") ||
    host.endsWith(".powerplatform.com")
  )
    return "teams";
  return "generic";
}
