using System.Runtime.InteropServices;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM: the first one cancels <see cref="Token"/> so commands stop their work, record
/// what was cancelled and exit 130; a second one ends the process at once (the runtime's default handling).
/// Used instead of System.CommandLine's handler, which ends the process 2 seconds after the first signal.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public TerminationSignals(TextWriter error)
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, error)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, error)),
        ];
    }

    public CancellationToken Token => _cancellation.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void OnSignal(PosixSignalContext context, TextWriter error)
    {
        if (Interlocked.Increment(ref _received) > 1)
        {
            context.Cancel = false;
            return;
        }

        context.Cancel = true;
        error.WriteLine($"{context.Signal}: cancelling; finishing the page in progress (signal again to stop at once)");
        _cancellation.Cancel();
    }
}
