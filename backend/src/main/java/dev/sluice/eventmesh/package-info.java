/**
 * Moving from Apache EventMesh: its filter pattern and transformer rules become an ordinary Sluice flow, stored
 * like any imported flow, with a note for every place where Sluice decides differently on these rules.
 */
package dev.sluice.eventmesh;
