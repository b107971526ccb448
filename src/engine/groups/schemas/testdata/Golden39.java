import org.apache.kafka.coordinator.group.generated.*;
import org.apache.kafka.common.message.ConsumerProtocolSubscription;
import org.apache.kafka.common.message.ConsumerProtocolAssignment;
import org.apache.kafka.common.protocol.MessageUtil;
import java.nio.ByteBuffer;
import java.util.*;

/** Kafka 3.9's generated record classes (from the JSON schemas by Kafka's own generator). */
public class Golden39 {
  static String hex(byte[] b) { StringBuilder s = new StringBuilder(); for (byte x : b) s.append(String.format("%02x", x)); return s.toString(); }
  static void out(String name, byte[] b) { System.out.println(name + "=" + hex(b)); }
  static byte[] arr(ByteBuffer b) { byte[] a = new byte[b.remaining()]; b.duplicate().get(a); return a; }

  // ConsumerProtocol.serializeSubscription (3.9), with the Subscription object unrolled.
  static byte[] subscription(List<String> topicsIn, byte[] userData, String[][] owned, int generationId, String rackId, short version) {
    ConsumerProtocolSubscription data = new ConsumerProtocolSubscription();
    List<String> topics = new ArrayList<>(topicsIn);
    Collections.sort(topics);
    data.setTopics(topics);
    data.setUserData(userData != null ? ByteBuffer.wrap(userData) : null);
    List<String[]> ownedPartitions = new ArrayList<>(Arrays.asList(owned));
    ownedPartitions.sort(Comparator.<String[], String>comparing(x -> x[0]).thenComparing(x -> Integer.parseInt(x[1])));
    ConsumerProtocolSubscription.TopicPartition partition = null;
    for (String[] tp : ownedPartitions) {
      if (partition == null || !partition.topic().equals(tp[0])) {
        partition = new ConsumerProtocolSubscription.TopicPartition().setTopic(tp[0]);
        data.ownedPartitions().add(partition);
      }
      partition.partitions().add(Integer.parseInt(tp[1]));
    }
    if (rackId != null) data.setRackId(rackId);
    data.setGenerationId(generationId);
    return arr(MessageUtil.toVersionPrefixedByteBuffer(version, data));
  }

  // ConsumerProtocol.serializeAssignment (3.9).
  static byte[] assignment(String[][] partitions, byte[] userData, short version) {
    ConsumerProtocolAssignment data = new ConsumerProtocolAssignment();
    data.setUserData(userData != null ? ByteBuffer.wrap(userData) : null);
    for (String[] tp : partitions) {
      ConsumerProtocolAssignment.TopicPartition partition = data.assignedPartitions().find(tp[0]);
      if (partition == null) {
        partition = new ConsumerProtocolAssignment.TopicPartition().setTopic(tp[0]);
        data.assignedPartitions().add(partition);
      }
      partition.partitions().add(Integer.parseInt(tp[1]));
    }
    return arr(MessageUtil.toVersionPrefixedByteBuffer(version, data));
  }

  static GroupMetadataValue group(byte[] sub, byte[] asg1, byte[] asg2) {
    return new GroupMetadataValue().setProtocolType("consumer").setGeneration(3).setProtocol("range").setLeader("c1-m1")
      .setCurrentStateTimestamp(1600000000123L).setMembers(Arrays.asList(
        new GroupMetadataValue.MemberMetadata().setMemberId("c1-m1").setGroupInstanceId(null).setClientId("c1").setClientHost("/10.0.0.1")
          .setRebalanceTimeout(300000).setSessionTimeout(10000).setSubscription(sub).setAssignment(asg1),
        new GroupMetadataValue.MemberMetadata().setMemberId("i2-m2").setGroupInstanceId("i2").setClientId("c2").setClientHost("/10.0.0.2")
          .setRebalanceTimeout(300000).setSessionTimeout(10000).setSubscription(sub).setAssignment(asg2)));
  }

  public static void main(String[] a) {
    OffsetCommitKey k = new OffsetCommitKey().setGroup("g1").setTopic("orders").setPartition(0);
    out("offsetKeyV1", MessageUtil.toVersionPrefixedBytes((short) 1, k));
    out("offsetKeyV0", MessageUtil.toVersionPrefixedBytes((short) 0, k));
    out("groupKey", MessageUtil.toVersionPrefixedBytes((short) 2, new GroupMetadataKey().setGroup("g1")));
    OffsetCommitValue v = new OffsetCommitValue().setOffset(42).setLeaderEpoch(7).setMetadata("m").setCommitTimestamp(1600000000000L).setExpireTimestamp(1600086400000L);
    for (short ver = 0; ver <= 4; ver++) out("offsetValueV" + ver, MessageUtil.toVersionPrefixedBytes(ver, v));

    String[][] owned = { {"payments", "0"}, {"orders", "1"}, {"orders", "0"} };
    for (short ver = 0; ver <= 3; ver++)
      out("subscriptionV" + ver, subscription(Arrays.asList("payments", "orders", "audit"), null, owned, 5, "rack-a", ver));
    out("subscriptionV3NoRack", subscription(Arrays.asList("orders"), new byte[] {1, 2}, new String[0][], -1, null, (short) 3));
    String[][] asg = { {"orders", "0"}, {"payments", "2"}, {"orders", "1"} };
    for (short ver = 0; ver <= 3; ver++) out("assignmentV" + ver, assignment(asg, null, ver));

    byte[] sub = subscription(Arrays.asList("orders"), null, new String[0][], -1, null, (short) 3);
    byte[] asg1 = assignment(new String[][] { {"orders", "0"}, {"orders", "1"} }, null, (short) 3);
    byte[] asg2 = assignment(new String[][] { {"orders", "2"} }, null, (short) 3);
    out("memberSubscription", sub); out("member1Assignment", asg1); out("member2Assignment", asg2);
    for (short ver = 0; ver <= 4; ver++) out("groupValueV" + ver, MessageUtil.toVersionPrefixedBytes(ver, group(sub, asg1, asg2)));
  
    // The records of Kafka 3.9's OffsetMessageFormatterTest / GroupMetadataMessageFormatterTest (tools/src/test/…/consumer).
    OffsetCommitKey fk = new OffsetCommitKey().setGroup("group-id").setTopic("foo").setPartition(1);
    OffsetCommitValue fv = new OffsetCommitValue().setOffset(100L).setLeaderEpoch(10).setMetadata("metadata").setCommitTimestamp(1234L).setExpireTimestamp(-1L);
    out("formatterOffsetKeyV0", MessageUtil.toVersionPrefixedBytes((short) 0, fk));
    for (short ver = 0; ver <= 4; ver++) out("formatterOffsetValueV" + ver, MessageUtil.toVersionPrefixedBytes(ver, fv));
    GroupMetadataValue.MemberMetadata fm = new GroupMetadataValue.MemberMetadata().setMemberId("member-1").setClientId("client-1")
      .setClientHost("host-1").setRebalanceTimeout(1000).setSessionTimeout(1500).setGroupInstanceId("group-instance-1")
      .setSubscription(new byte[] {0, 1}).setAssignment(new byte[] {1, 2});
    GroupMetadataValue fg = new GroupMetadataValue().setProtocolType("consumer").setGeneration(1).setProtocol("range").setLeader("leader")
      .setMembers(Collections.singletonList(fm)).setCurrentStateTimestamp(1234L);
    out("formatterGroupKey", MessageUtil.toVersionPrefixedBytes((short) 2, new GroupMetadataKey().setGroup("group-id")));
    for (short ver = 0; ver <= 4; ver++) out("formatterGroupValueV" + ver, MessageUtil.toVersionPrefixedBytes(ver, fg));
  }
}
