namespace FastVlm.DocPipeline.Model.Configuration;

/// <summary>
/// preprocessor_config.json is missing, malformed or asks for something the pipeline does not do.
/// The message names the file.
/// </summary>
public sealed class PreprocessorConfigException(string code, string message, Exception? innerException = null)
    : DocPipelineException(code, message, innerException)
{
    /// <summary>The file does not exist or cannot be read.</summary>
    public const string MissingFile = "model.missing_file";

    /// <summary>The file is not valid JSON, a value has the wrong type, or the settings are unsupported.</summary>
    public const string InvalidConfig = "model.invalid_config";
}
