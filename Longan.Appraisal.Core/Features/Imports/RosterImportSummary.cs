namespace Longan.Appraisal.Core.Features.Imports;

/// <summary>What a 助理员名册 import changed.</summary>
public sealed record RosterImportSummary(int Rows, int NewAssistants, int UpdatedAssistants, int NewTownships, int NewVillages, int NewPostings);
