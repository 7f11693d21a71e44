namespace Longan.Appraisal.Core.Persistence;

/// <summary>Column lengths, shared by the database model and the services' validation.</summary>
public static class FieldLimits
{
    public const int Code = 32;
    public const int Name = 50;
    public const int Short = 20;
    public const int Phone = 30;
    public const int Text = 200;
    public const int Comment = 1000;
}
