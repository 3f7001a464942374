using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Indicators;

/// <summary>What an <see cref="IndicatorImport"/> brought in.</summary>
public enum IndicatorImportKind
{
    EiSubIndices,
    GepRQuantities,
    GepRPrices,
}

/// <summary>One stored import of indicator data (a file, by whom and when): the source of the values it brought.</summary>
public sealed class IndicatorImport
{
    public int Id { get; set; }
    public IndicatorImportKind Kind { get; set; }

    /// <summary>The EI methodology of the values (EI imports only).</summary>
    public string? Methodology { get; set; }
    public required string FileName { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string Sha256 { get; set; }
    public int Rows { get; set; }
    public DateTime ImportedAt { get; set; }
    public string? ImportedBy { get; set; }

    /// <summary>
    /// What every page showing the values says about where they come from, e.g. <see cref="Demo.DemoData.SampleLabel"/>
    /// for the demo's sample values; null for a file a user imported (its name and importer say it).
    /// </summary>
    public string? SourceLabel { get; set; }
}

/// <summary>
/// The EI input of one region and year under one methodology: its environmental-restriction level and its sub-index
/// values. EI itself, grades and changes are computed on read (<see cref="EiAccountability"/>), so a weights file
/// loaded later or a corrected methodology never leaves a stale stored result.
/// </summary>
public sealed class EiRecord
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int Year { get; set; }
    public required string Methodology { get; set; }
    public int RestrictionLevel { get; set; }
    public int ImportId { get; set; }
    public IndicatorImport? Import { get; set; }
    public List<EiSubIndexValue> Values { get; set; } = [];
}

/// <summary>One sub-index value of an <see cref="EiRecord"/>, by the methodology's key.</summary>
public sealed class EiSubIndexValue
{
    public int Id { get; set; }
    public int RecordId { get; set; }
    public EiRecord? Record { get; set; }
    public required string SubIndex { get; set; }
    public decimal Value { get; set; }
}

/// <summary>One line of a GEP-R ledger: the physical quantity of a service's item in a region and year, with its unit and source. Values are priced on read.</summary>
public sealed class GepRQuantity
{
    public int Id { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int Year { get; set; }
    public required string Service { get; set; }
    public required string Item { get; set; }
    public decimal Quantity { get; set; }
    public required string Unit { get; set; }
    public required string Source { get; set; }
    public int ImportId { get; set; }
    public IndicatorImport? Import { get; set; }
}

/// <summary>A price version: from <see cref="PriceYear"/> on, one unit of a service's item is worth <see cref="Price"/> 元.</summary>
public sealed class GepRPrice
{
    public int Id { get; set; }
    public int PriceYear { get; set; }
    public required string Service { get; set; }
    public required string Item { get; set; }
    public decimal Price { get; set; }

    /// <summary>The priced unit (t, m³, …), without the currency.</summary>
    public required string Unit { get; set; }
    public required string Source { get; set; }
    public bool Confirmed { get; set; }
    public string? Note { get; set; }
    public int ImportId { get; set; }
    public IndicatorImport? Import { get; set; }
}
