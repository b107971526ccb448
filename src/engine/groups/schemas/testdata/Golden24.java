import org.apache.kafka.common.protocol.types.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment;
import java.nio.ByteBuffer;
import java.util.*;
import static org.apache.kafka.common.protocol.types.Type.*;

/** Schemas transcribed from 2.4.1 GroupMetadataManager.scala; encoding by Kafka 2.4.1's own Struct. */
public class Golden24 {
  static Schema KEY = new Schema(new Field("group", STRING), new Field("topic", STRING), new Field("partition", INT32));
  static Schema OV0 = new Schema(new Field("offset", INT64), new Field("metadata", STRING, "", ""), new Field("timestamp", INT64));
  static Schema OV1 = new Schema(new Field("offset", INT64), new Field("metadata", STRING, "", ""), new Field("commit_timestamp", INT64), new Field("expire_timestamp", INT64));
  static Schema OV2 = new Schema(new Field("offset", INT64), new Field("metadata", STRING, "", ""), new Field("commit_timestamp", INT64));
  static Schema OV3 = new Schema(new Field("offset", INT64), new Field("leader_epoch", INT32), new Field("metadata", STRING, "", ""), new Field("commit_timestamp", INT64));
  static Schema GKEY = new Schema(new Field("group", STRING));
  static Schema M0 = new Schema(new Field("member_id", STRING), new Field("client_id", STRING), new Field("client_host", STRING), new Field("session_timeout", INT32), new Field("subscription", BYTES), new Field("assignment", BYTES));
  static Schema M1 = new Schema(new Field("member_id", STRING), new Field("client_id", STRING), new Field("client_host", STRING), new Field("rebalance_timeout", INT32), new Field("session_timeout", INT32), new Field("subscription", BYTES), new Field("assignment", BYTES));
  static Schema M3 = new Schema(new Field("member_id", STRING), new Field("group_instance_id", NULLABLE_STRING), new Field("client_id", STRING), new Field("client_host", STRING), new Field("rebalance_timeout", INT32), new Field("session_timeout", INT32), new Field("subscription", BYTES), new Field("assignment", BYTES));
  static Schema GV0 = new Schema(new Field("protocol_type", STRING), new Field("generation", INT32), new Field("protocol", NULLABLE_STRING), new Field("leader", NULLABLE_STRING), new Field("members", new ArrayOf(M0)));
  static Schema GV1 = new Schema(new Field("protocol_type", STRING), new Field("generation", INT32), new Field("protocol", NULLABLE_STRING), new Field("leader", NULLABLE_STRING), new Field("members", new ArrayOf(M1)));
  static Schema GV2 = new Schema(new Field("protocol_type", STRING), new Field("generation", INT32), new Field("protocol", NULLABLE_STRING), new Field("leader", NULLABLE_STRING), new Field("current_state_timestamp", INT64), new Field("members", new ArrayOf(M1)));
  static Schema GV3 = new Schema(new Field("protocol_type", STRING), new Field("generation", INT32), new Field("protocol", NULLABLE_STRING), new Field("leader", NULLABLE_STRING), new Field("current_state_timestamp", INT64), new Field("members", new ArrayOf(M3)));

  static String hex(byte[] b) { StringBuilder s = new StringBuilder(); for (byte x : b) s.append(String.format("%02x", x)); return s.toString(); }
  static String hex(ByteBuffer b) { byte[] a = new byte[b.remaining()]; b.duplicate().get(a); return hex(a); }
  static byte[] prefixed(short v, Struct s) { ByteBuffer b = ByteBuffer.allocate(2 + s.sizeOf()); b.putShort(v); s.writeTo(b); return b.array(); }
  static void out(String name, byte[] b) { System.out.println(name + "=" + hex(b)); }
  static void out(String name, ByteBuffer b) { System.out.println(name + "=" + hex(b)); }

  static byte[] groupValue(short v, Schema schema, boolean empty, byte[] sub1, byte[] asg1, byte[] sub2, byte[] asg2) {
    Struct value = new Struct(schema);
    value.set("protocol_type", "consumer");
    value.set("generation", empty ? 4 : 3);
    value.set("protocol", empty ? null : "range");
    value.set("leader", empty ? null : "c1-m1");
    if (v >= 2) value.set("current_state_timestamp", 1600000000123L);
    List<Struct> members = new ArrayList<>();
    if (!empty) {
      Object[][] ms = { {"c1-m1", null, "c1", "/10.0.0.1", sub1, asg1}, {"i2-m2", "i2", "c2", "/10.0.0.2", sub2, asg2} };
      for (Object[] m : ms) {
        Struct s = value.instance("members");
        s.set("member_id", m[0]);
        if (v >= 3) s.set("group_instance_id", m[1]);
        s.set("client_id", m[2]); s.set("client_host", m[3]);
        if (v > 0) s.set("rebalance_timeout", 300000);
        s.set("session_timeout", 10000);
        s.set("subscription", ByteBuffer.wrap((byte[]) m[4])); s.set("assignment", ByteBuffer.wrap((byte[]) m[5]));
        members.add(s);
      }
    }
    value.set("members", members.toArray());
    return prefixed(v, value);
  }
  static byte[] arr(ByteBuffer b) { byte[] a = new byte[b.remaining()]; b.duplicate().get(a); return a; }
  static List<TopicPartition> tps(String... s) { List<TopicPartition> l = new ArrayList<>(); for (String x : s) { int i = x.lastIndexOf('-'); l.add(new TopicPartition(x.substring(0, i), Integer.parseInt(x.substring(i + 1)))); } return l; }
  static List<String> hashSetOrder(String... topics) { return new ArrayList<>(new HashSet<>(Arrays.asList(topics))); }

  public static void main(String[] a) {
    Struct k = new Struct(KEY).set("group", "g1").set("topic", "orders").set("partition", 0);
    out("offsetKeyV1", prefixed((short) 1, k));
    out("offsetKeyV0", prefixed((short) 0, k));
    out("offsetKeyUtf8", prefixed((short) 1, new Struct(KEY).set("group", "grüppe").set("topic", "t").set("partition", 49)));
    out("groupKey", prefixed((short) 2, new Struct(GKEY).set("group", "g1")));
    out("offsetValueV3", prefixed((short) 3, new Struct(OV3).set("offset", 5L).set("leader_epoch", 0).set("metadata", "").set("commit_timestamp", 1600000000000L)));
    out("offsetValueV3NoEpoch", prefixed((short) 3, new Struct(OV3).set("offset", 5L).set("leader_epoch", -1).set("metadata", "").set("commit_timestamp", 1600000000000L)));
    out("offsetValueV1", prefixed((short) 1, new Struct(OV1).set("offset", 42L).set("metadata", "m").set("commit_timestamp", 1600000000000L).set("expire_timestamp", 1600086400000L)));
    out("offsetValueV2", prefixed((short) 2, new Struct(OV2).set("offset", 42L).set("metadata", "m").set("commit_timestamp", 1600000000000L)));
    out("offsetValueV0", prefixed((short) 0, new Struct(OV0).set("offset", 42L).set("metadata", "m").set("timestamp", 1600000000000L)));

    // Real 2.4.1 ConsumerProtocol; the topic list is built as ConsumerCoordinator.metadata builds it.
    Subscription s1 = new Subscription(hashSetOrder("orders", "payments", "audit"), null, tps("orders-1", "payments-0", "orders-0"));
    Subscription s2 = new Subscription(hashSetOrder("orders"), null, Collections.emptyList());
    out("subscriptionV1", ConsumerProtocol.serializeSubscription(s1));
    out("subscriptionV0", ConsumerProtocol.serializeSubscription(s1, (short) 0));
    out("subscriptionV1UserData", ConsumerProtocol.serializeSubscription(new Subscription(hashSetOrder("orders"), ByteBuffer.wrap(new byte[] {1, 2}), tps())));
    Assignment a1 = new Assignment(tps("orders-0", "payments-2", "orders-1"), null);
    Assignment a2 = new Assignment(tps("orders-2"), ByteBuffer.wrap(new byte[0]));
    out("assignmentV1", ConsumerProtocol.serializeAssignment(a1));
    out("assignmentV0", ConsumerProtocol.serializeAssignment(a1, (short) 0));
    out("assignmentV1EmptyUserData", ConsumerProtocol.serializeAssignment(a2));
    String[] many = new String[13]; for (int i = 0; i < 13; i++) many[i] = "t" + i;
    out("subscriptionTwelveTopics", ConsumerProtocol.serializeSubscription(new Subscription(hashSetOrder(Arrays.copyOf(many, 12)), null, tps())));
    List<TopicPartition> thirteen = new ArrayList<>(); for (String t : many) thirteen.add(new TopicPartition(t, 0));
    out("assignmentThirteenTopics", ConsumerProtocol.serializeAssignment(new Assignment(thirteen, null)));
    List<TopicPartition> fourteenCalls = new ArrayList<>(thirteen); fourteenCalls.add(new TopicPartition(many[0], 1));
    out("assignmentThirteenTopicsOneMoreCall", ConsumerProtocol.serializeAssignment(new Assignment(fourteenCalls, null)));
    System.out.println("hashSetOrder12=" + hashSetOrder(Arrays.copyOf(many, 12)));
    System.out.println("hashSetOrder13=" + hashSetOrder(many));

    byte[] sub1 = arr(ConsumerProtocol.serializeSubscription(s2)), asg1 = arr(ConsumerProtocol.serializeAssignment(new Assignment(tps("orders-0", "orders-1"), null)));
    byte[] sub2 = sub1, asg2 = arr(ConsumerProtocol.serializeAssignment(new Assignment(tps("orders-2"), null)));
    out("memberSubscription", sub1); out("member1Assignment", asg1); out("member2Assignment", asg2);
    Schema[] gv = {GV0, GV1, GV2, GV3};
    for (short v = 0; v <= 3; v++) out("groupValueV" + v, groupValue(v, gv[v], false, sub1, asg1, sub2, asg2));
    out("groupValueV3Empty", groupValue((short) 3, GV3, true, null, null, null, null));
  }
}
