using FastVlm.DocPipeline.Contracts;

namespace FastVlm.DocPipeline.Tests.Workflow.Fakes;

/// <summary>A failure that may pass on retry (like a GPU out-of-memory blip or a throttled store).</summary>
internal sealed class TransientTestException(string message) : DocPipelineException("test.transient", message)
{
    public override bool IsTransient => true;
}
