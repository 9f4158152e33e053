// OWL 2 DL profile check with the OWL API that ships inside owlready2's HermiT.jar (no other
// download). Run by tests/test_owl.py as a single-file source program:
//   java -cp .../owlready2/hermit/HermiT.jar tests/owl/OwlDlProfile.java FILE.nt
// Prints one line per violation, then "axioms N violations M".
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlDlProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation v : report.getViolations()) {
            System.out.println(v.toString().replace('\n', ' '));
        }
        System.out.println("axioms " + ontology.getAxiomCount() + " violations " + report.getViolations().size());
    }
}
