namespace FastVlm.DocPipeline.Contracts.Configuration;

/// <summary>
/// Receives a problem found by a <see cref="JsonConfigReader"/>: <paramref name="location"/> is the JSON-path-style
/// location of the value at fault (<c>fields[3].type</c>, <c>size.height</c>, <c>$</c> for the document itself).
/// Collect to report every problem at once, or throw to stop at the first.
/// </summary>
internal delegate void JsonProblemHandler(string location, string problem);
