/** Resource and variable names of the generated program. */
import { slugify, uniqueNames, variableName } from "../../../provider/adopt/names";

describe("slugify", () => {
  it("keeps ASCII letters and digits, dashes the rest, and falls back when nothing is left", () => {
    expect(slugify("Data Platform / Ops", "x")).toBe("data-platform-ops");
    expect(slugify("Café", "x")).toBe("cafe");
    expect(slugify("研发部", "department-7")).toBe("department-7");
  });
});

describe("uniqueNames", () => {
  const entries = [
    { id: 30, name: "Ops" },
    { id: 10, name: "ops" },
    { id: 20, name: "Web" },
    { id: 40, name: "ops-40" },
  ];

  it("gives the lowest id the plain name and the others their id as a suffix, whatever the input order", () => {
    const names = uniqueNames(entries, (e) => e.id, (e) => e.name, "department");
    expect(Object.fromEntries(names)).toEqual({ 10: "ops", 20: "web", 30: "ops-30", 40: "ops-40" });
    expect(uniqueNames([...entries].reverse(), (e) => e.id, (e) => e.name, "department")).toEqual(names);
  });

  it("never repeats a name, even where a suffixed name is someone's plain one", () => {
    const clash = [
      { id: 1, name: "a" },
      { id: 2, name: "a" },
      { id: 3, name: "a-2" },
    ];
    const names = uniqueNames(clash, (e) => e.id, (e) => e.name, "x");
    expect(Object.fromEntries(names)).toEqual({ 1: "a", 2: "a-2-2", 3: "a-2" });
  });
});

describe("variableName", () => {
  it("camel-cases the resource name with the kind's suffix, and avoids what is not an identifier", () => {
    expect(variableName("data-platform", "Node")).toBe("dataPlatformNode");
    expect(variableName("2024-team", "Member")).toBe("_2024TeamMember");
    expect(variableName("default", "")).toBe("default_");
  });
});
