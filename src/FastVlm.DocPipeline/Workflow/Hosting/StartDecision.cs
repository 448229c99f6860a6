namespace FastVlm.DocPipeline.Workflow.Hosting;

/// <summary>What a trigger does with a document whose deterministic instance id may already exist.</summary>
public enum StartDecision
{
    /// <summary>No instance yet (or the last one ended badly): schedule it.</summary>
    Start,

    /// <summary>An instance with this id is pending, running or suspended: starting another would duplicate the work.</summary>
    AlreadyRunning,

    /// <summary>The same content was already processed to completion; only an explicit re-run (force) starts it again.</summary>
    AlreadyCompleted,

    /// <summary>The input was refused before any workflow started (an empty upload); recorded as a failed document.</summary>
    Rejected,
}
