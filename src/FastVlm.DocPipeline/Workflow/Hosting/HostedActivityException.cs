namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>
/// What an activity function rethrows to a host that keeps only an exception's type name and message
/// (Durable's <c>TaskFailureDetails</c>): the message carries the stable code as <c>[code] message</c>
/// (<see cref="ActivityFailure.FormatMessage"/>), the type says whether a retry may help.
/// </summary>
public abstract class HostedActivityException(string message, Exception innerException) : Exception(message, innerException);

/// <summary>A failure that will not pass on retry (a corrupt PDF, a missing schema): the host must not retry it.</summary>
public sealed class PermanentActivityException(string message, Exception innerException) : HostedActivityException(message, innerException);

/// <summary>A failure that may pass on retry (storage throttling, an I/O hiccup, an unexpected bug).</summary>
public sealed class TransientActivityException(string message, Exception innerException) : HostedActivityException(message, innerException);
