namespace FastVlm.DocPipeline.Extraction.Classification;

/// <summary>
/// What classification measured on one page: the probability of each candidate label (in
/// <see cref="ClassificationLabels"/> order) and, when splitting, of "Yes" to "does this page start a new document?"
/// (1 for the first page, which always does).
/// </summary>
public sealed record PageScores(int Page, IReadOnlyList<double> LabelProbabilities, double StartProbability);
