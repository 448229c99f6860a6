namespace FastVlm.DocPipeline.Events.Webhooks;

/// <summary>
/// What one delivery round did: events delivered, events the webhook rejected for good (4xx; kept under
/// <c>rejected/</c> in the spool), and events still spooled for a later round.
/// </summary>
public sealed record WebhookDeliveryResult(int Delivered, int Rejected, int Pending);
