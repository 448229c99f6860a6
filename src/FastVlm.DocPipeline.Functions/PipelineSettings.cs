namespace FastVlm.DocPipeline.Functions;

/// <summary>The app's own settings (see <see cref="SettingNames"/>), read once at start-up.</summary>
public sealed record PipelineSettings(string Schema);
