namespace EcoPlan.Core.LandCover;

/// <summary>
/// A land-cover input EcoPlan cannot use (a raster it cannot read, an unsupported CRS, grids that differ, a bad class
/// file), with a message in the current language naming the file and why. Callers print it as one line; it is never a bug.
/// </summary>
public sealed class LandCoverInputException(string message) : Exception(message);
